import type { PluginModuleFactory } from '../../../runtime/host/pluginModule.ts';

/** The module's default export: called by the host with its SDK. */
declare const snakePlugin: PluginModuleFactory;
export default snakePlugin;
