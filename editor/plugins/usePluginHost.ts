/** React binding of the plugin host's state. */
import { useSyncExternalStore } from 'react';
import type { PluginHost, PluginHostState } from './pluginHost.ts';

/** The host's current state; re-renders when modules are installed, removed or loaded. */
export function usePluginHostState(host: PluginHost): PluginHostState {
  return useSyncExternalStore(host.subscribe, host.getState);
}
