import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AlertStore, StoredAlert } from '../anomaly/alert-store.js';
import type { AlertState } from '../anomaly/lifecycle.js';
import { ANOMALY_KINDS, type AnomalyKind } from '../anomaly/types.js';
import { isConditionFailure, MalformedItemError } from './dynamo-errors.js';
import { alertPartition } from './table.js';

function optionalNumber(item: Record<string, unknown>, name: string): number | undefined {
  const value = item[name];
  return typeof value === 'number' ? value : undefined;
}

function parseAlert(source: string, item: Record<string, unknown>): StoredAlert {
  const kind = ANOMALY_KINDS.find((candidate) => candidate === item.kind);
  const { status, version } = item;
  if (
    kind === undefined ||
    (status !== 'open' && status !== 'closed') ||
    typeof version !== 'number'
  ) {
    const key = `${alertPartition(source)}/${String(item.sk)}`;
    throw new MalformedItemError(`alert item ${key} is malformed; delete it to reset the alert`);
  }
  const state: AlertState = {
    source,
    kind,
    status,
    openedAt: optionalNumber(item, 'openedAt'),
    lastAnomalousEnd: optionalNumber(item, 'lastAnomalousEnd'),
    closedAt: optionalNumber(item, 'closedAt'),
    peakScore: optionalNumber(item, 'peakScore'),
  };
  return { state, version };
}

/**
 * Alert states in the history table: partition `ALERT#<source>`, one item per kind (sort key
 * = the kind's index). Each save is a conditional put on the version, so two invocations that
 * judge the same window cannot both open (and announce) the same anomaly.
 */
export class DynamoAlertStore implements AlertStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async readAlerts(source: string): Promise<Map<AnomalyKind, StoredAlert>> {
    const output = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': alertPartition(source) },
        ConsistentRead: true,
      }),
    );
    const alerts = new Map<AnomalyKind, StoredAlert>();
    for (const item of output.Items ?? []) {
      const alert = parseAlert(source, item);
      alerts.set(alert.state.kind, alert);
    }
    return alerts;
  }

  async saveAlert(state: AlertState, version: number): Promise<boolean> {
    const item = {
      ...state,
      pk: alertPartition(state.source),
      sk: ANOMALY_KINDS.indexOf(state.kind),
      version: version + 1,
    };
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: version === 0 ? 'attribute_not_exists(pk)' : '#version = :version',
          ...(version === 0
            ? {}
            : {
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':version': version },
              }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
