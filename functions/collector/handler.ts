/** Placeholder until the collector handler lands; the CDK app bundles this entry. */
export const handler = async (): Promise<void> => {
  throw new Error('the collector handler is not built yet');
};
