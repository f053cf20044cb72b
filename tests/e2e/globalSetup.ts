import { mkdir } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { buildAndServe, type ServedBuild } from './serveBuild';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

let served: ServedBuild | undefined;

/** The sim-mode build, served once for every suite that injects `baseURL`. */
export async function setup(project: TestProject): Promise<void> {
  await mkdir('test-results/screenshots', { recursive: true });
  served = await buildAndServe('sim');
  project.provide('baseURL', served.url);
}

export async function teardown(): Promise<void> {
  await served?.close();
}
