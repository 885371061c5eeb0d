/**
 * @kasa/widget for frameworks and servers: the controller (no DOM needed), the App component
 * (React API, preact/compat underneath) and `mount`. The browser bundle's entry is `embed.ts`.
 *
 * @example
 * import { App, createController, initialState } from '@kasa/widget';
 * const controller = createController({ state: initialState(view, config), config });
 */
export { ApiError } from './controller/api.ts';
export { type Controller, type ControllerOptions, createController } from './controller/controller.ts';
export { initialState } from './controller/state.ts';
export { idbStorage, memoryStorage, type ProgressStorage } from './controller/storage.ts';
export type * from './controller/types.ts';
export { type Mounted, type MountOptions, mount } from './mount.ts';
export { App } from './ui/App.tsx';
export { messages } from './ui/messages.ts';
export { readTypedValues } from './ui/typed.ts';
