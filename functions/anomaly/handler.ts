/** Placeholder until the anomaly handler lands; the CDK app bundles this entry. */
export const handler = async (): Promise<void> => {
  throw new Error('the anomaly handler is not built yet');
};
