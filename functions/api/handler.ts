/** Placeholder until the api handler lands; the CDK app bundles this entry. */
export const handler = async (): Promise<void> => {
  throw new Error('the api handler is not built yet');
};
