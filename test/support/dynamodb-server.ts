import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

/**
 * Starts one in-memory dynalite server for the whole test run and hands its endpoint to the
 * tests (`inject('dynamoEndpoint')`). Each test file creates its own table with a unique name,
 * so files never see each other's items.
 *
 * `TEST_DYNAMODB_ENDPOINT` points the tests at another DynamoDB-compatible server instead, e.g.
 * AWS's DynamoDB Local (see the README's Testing section).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_DYNAMODB_ENDPOINT;
  if (external !== undefined && external !== '') {
    project.provide('dynamoEndpoint', external);
    return async () => undefined;
  }

  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  project.provide('dynamoEndpoint', `http://127.0.0.1:${port}`);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
