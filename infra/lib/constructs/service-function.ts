import { fileURLToPath } from 'node:url';
import type { Duration } from 'aws-cdk-lib';
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type IDestination, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { METRIC_NAMESPACE } from '#shared/observability.js';

/** Repository root: the bundles' project root and where package-lock.json lives. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Lets CommonJS dependencies that call `require` (some of middy's and the SDK's transitive
 * ones) run inside an ESM bundle.
 */
const REQUIRE_SHIM =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/** Props of a service function. */
export interface ServiceFunctionProps {
  /** Folder under functions/ whose handler.ts exports `handler`. */
  readonly folder: 'collector' | 'api' | 'anomaly';
  /** Powertools service name, also the `service` dimension of the function's metrics. */
  readonly serviceName: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly timeout: Duration;
  readonly memorySize: number;
  /** Log retention in days, one of the values CloudWatch Logs accepts (the config checks it). */
  readonly logRetentionDays: number;
  /** Destroy the log group with the stack (development stages). */
  readonly destroyLogs: boolean;
  /** @default no reserved concurrency */
  readonly reservedConcurrentExecutions?: number;
  /** Where failed asynchronous invocations go. @default none */
  readonly onFailure?: IDestination;
  /** Retries of a failed asynchronous invocation. @default 2 (Lambda's default) */
  readonly retryAttempts?: number;
  /** Oldest asynchronous invocation still run. @default 6 hours (Lambda's default) */
  readonly maxEventAge?: Duration;
}

/**
 * One of the service's Lambda functions: Node 22 on arm64, bundled by the local esbuild into a
 * minified ESM file with a linked source map, and a log group with a set retention.
 *
 * The AWS SDK v3 is bundled rather than taken from the runtime. A bundled, tree-shaken and
 * minified client loads from one file, while the runtime's copy is resolved module by module
 * from disk at init, which is the slower cold start for the few clients we use; bundling also
 * pins the SDK to the version our tests ran against instead of whatever the runtime ships.
 */
export class ServiceFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);

    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetentionDays as RetentionDays,
      removalPolicy: props.destroyLogs ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });

    // An own role instead of AWSLambdaBasicExecutionRole: that managed policy may write to any
    // log group, this role only to the function's own.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    });
    logGroup.grantWrite(role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: `${ROOT}functions/${props.folder}/handler.ts`,
      handler: 'handler',
      projectRoot: ROOT,
      depsLockFilePath: `${ROOT}package-lock.json`,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      logGroup,
      role,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      onFailure: props.onFailure,
      retryAttempts: props.retryAttempts,
      maxEventAge: props.maxEventAge,
      environment: {
        ...props.environment,
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: METRIC_NAMESPACE,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        banner: REQUIRE_SHIM,
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        // The map only needs to point at lines; the sources would double the asset for nothing.
        sourcesContent: false,
        externalModules: [],
        forceDockerBundling: false,
      },
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'nodejs22.x is the runtime the service is built and tested for (the code also runs on ' +
        'Node 20 locally); moving to a newer runtime is a deliberate, tested change.',
    });
  }
}
