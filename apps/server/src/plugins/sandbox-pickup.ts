/** The made-up demo lockers as a plugin: for the sandbox only, every point marked `demo`. */
import { createSandboxPickupProvider } from '@kasa/pickup';
import { z } from 'zod';
import type { ServerPickupPlugin } from './registry.ts';

export const sandboxPickup: ServerPickupPlugin = {
  kind: 'pickup',
  name: 'sandbox',
  label: 'Demo lockers (made up, marked demo)',
  carrier: 'inpost',
  configSchema: z.strictObject({}),
  settings: {},
  capabilities: ['search_near'],
  howToCreate: 'Nothing to create: the demo lockers are built in; they are not real Paczkomaty.',
  create: () => createSandboxPickupProvider(),
};
