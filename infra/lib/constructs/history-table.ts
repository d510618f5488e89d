import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  type ITable,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { TABLE_KEYS } from '#shared/history/table.js';

/** Props of the history table. */
export interface HistoryTableProps {
  /**
   * `aws-owned`: DynamoDB's own key (free, nothing to manage). `customer-managed`: a KMS key
   * created here, with yearly rotation, whose use shows in CloudTrail.
   * @default 'aws-owned'
   */
  readonly encryption?: 'aws-owned' | 'customer-managed';
  /** Keep the table (and its key) when the stack is deleted. @default true */
  readonly retain?: boolean;
}

/**
 * The one table of minute history, collector state and alert state, with the key schema the
 * store defines in shared/history/table.ts. On-demand, because collection writes in bursts and
 * reads follow API traffic; point-in-time recovery, because history that outlived Qualys's
 * retention cannot be fetched again.
 */
export class HistoryTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: HistoryTableProps = {}) {
    super(scope, id);
    const retain = props.retain ?? true;
    const removalPolicy = retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const customerManaged = props.encryption === 'customer-managed';
    const encryptionKey = customerManaged
      ? new Key(this, 'Key', {
          description: 'Encrypts the EDR count history table',
          enableKeyRotation: true,
          removalPolicy,
        })
      : undefined;

    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey.name, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey.name, type: AttributeType.NUMBER },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: customerManaged ? TableEncryption.CUSTOMER_MANAGED : TableEncryption.DEFAULT,
      encryptionKey,
      deletionProtection: retain,
      removalPolicy,
    });
  }
}

/**
 * Grants a function read and write on the history table. With a customer managed key the grant
 * includes the key's data-key actions, whose names end in `*`; they are acknowledged here, on
 * the function, because they only ever concern the table's own key.
 */
export function grantHistoryWrite(table: ITable, fn: IFunction): void {
  table.grantReadWriteData(fn);
  if (table.encryptionKey === undefined || fn.role === undefined) return;
  const reason =
    "DynamoDB's KMS grant for reading and writing items (GenerateDataKey*, ReEncrypt*), " +
    "limited to the history table's own key.";
  Validations.of(fn.role).acknowledge(
    { id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason },
    { id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason },
  );
}
