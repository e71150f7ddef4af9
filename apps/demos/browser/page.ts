// The browser test's page: starts the demo backend (webgl → wasm → cpu, or the one `?backends=`
// names), mounts the demo `?demo=` names (all by default) and exposes what the test drives.
import * as tf from '@tensorflow/tfjs';
import {
  demos,
  mountDemo,
  setupDemoBackend,
  type DemoBackendName,
  type MountedDemo,
} from '../src/index.js';

interface PageApi {
  backend: string;
  /** tf.memory().numTensors once the backend started, before any demo was mounted. */
  baseline: number;
  numTensors(): number;
  mounted: Record<string, MountedDemo>;
  mount(id: string): Promise<void>;
  unmount(id: string): void;
  error?: string;
}

const params = new URLSearchParams(location.search);
const api: PageApi = {
  backend: '',
  baseline: 0,
  numTensors: () => tf.memory().numTensors,
  mounted: {},
  async mount(id) {
    const definition = demos.find((d) => d.id === id);
    if (definition === undefined) throw new Error(`no demo ${id}`);
    api.mounted[id] = await mountDemo(definition, document.querySelector('#demos') as HTMLElement);
  },
  unmount(id) {
    api.mounted[id]?.dispose();
    delete api.mounted[id];
  },
};
(window as unknown as { dlkitPage: PageApi }).dlkitPage = api;

async function main(): Promise<void> {
  const backends = params.get('backends')?.split(',') as DemoBackendName[] | undefined;
  api.backend = await setupDemoBackend({
    wasmPath: new URL('./wasm/', location.href).href,
    ...(backends ? { backends } : {}),
  });
  api.baseline = tf.memory().numTensors;
  document.title = `dlkit live demos (${api.backend})`;
  const ids = params.get('demo')?.split(',') ?? demos.map((d) => d.id);
  for (const id of ids) await api.mount(id);
  document.body.dataset['ready'] = 'true';
}

main().catch((e: unknown) => {
  api.error = String(e);
  document.body.dataset['ready'] = 'error';
});
