/**
 * The id of cdk-nag's finding about an AWS managed policy, as `Validations.acknowledge` needs
 * it: each finding of AwsSolutions-IAM4 is acknowledged on its own.
 * @param name the policy's name after `policy/`, e.g. `service-role/AWSLambdaBasicExecutionRole`
 */
export function managedPolicyFinding(name: string): string {
  return `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`;
}
