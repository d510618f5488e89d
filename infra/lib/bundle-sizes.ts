import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import type { IConstruct } from 'constructs';

/** The size of one function's bundle, as synthesised. */
export interface BundleSize {
  /** Construct path of the function. */
  readonly path: string;
  /** Where the bundle is: `index.mjs` in the function's asset folder. */
  readonly file: string;
  /** index.mjs, the code Lambda loads at cold start. */
  readonly bundleBytes: number;
  /** index.mjs.map, read only when an error stack is mapped. */
  readonly sourceMapBytes: number;
  /** Both files deflated: close to the size of the zip uploaded to Lambda. */
  readonly zippedBytes: number;
}

/**
 * Measures the bundle of every NodejsFunction under `root` in the synthesised assembly. A
 * function whose bundling was skipped (context `aws:cdk:bundling-stacks`) has no bundle and is
 * left out.
 */
export function measureBundles(root: IConstruct, assemblyDirectory: string): BundleSize[] {
  const sizes: BundleSize[] = [];
  for (const construct of root.node.findAll()) {
    if (!(construct instanceof NodejsFunction)) continue;
    const asset = construct.node.tryFindChild('Code');
    if (!(asset instanceof Asset)) continue;

    const folder = isAbsolute(asset.assetPath)
      ? asset.assetPath
      : join(assemblyDirectory, asset.assetPath);
    const bundle = join(folder, 'index.mjs');
    if (!existsSync(bundle)) continue;
    const code = readFileSync(bundle);
    const map = existsSync(`${bundle}.map`) ? readFileSync(`${bundle}.map`) : Buffer.alloc(0);
    sizes.push({
      path: construct.node.path,
      file: bundle,
      bundleBytes: code.length,
      sourceMapBytes: map.length,
      zippedBytes: deflateRawSync(code).length + deflateRawSync(map).length,
    });
  }
  return sizes;
}

/** One line per function, for the synth output. */
export function formatBundleSizes(sizes: readonly BundleSize[]): string {
  if (sizes.length === 0) return 'Bundle sizes: no bundles (bundling was skipped)';
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const width = Math.max(...sizes.map((size) => size.path.length));
  const lines = sizes.map(
    (size) =>
      `  ${size.path.padEnd(width)}  index.mjs ${kib(size.bundleBytes).padStart(10)}` +
      `  map ${kib(size.sourceMapBytes).padStart(10)}  zipped ~${kib(size.zippedBytes)}`,
  );
  return ['Bundle sizes:', ...lines].join('\n');
}
