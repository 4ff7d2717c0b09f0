/** React binding of the plugin host's state. */
import { useMemo, useSyncExternalStore } from 'react';
import type { PluginHost, PluginHostState } from './pluginHost.ts';

/** The host's current state; re-renders when modules are installed, removed or loaded. */
export function usePluginHostState(host: PluginHost): PluginHostState {
  return useSyncExternalStore(host.subscribe, host.getState);
}

/** Ids of the plugins whose module is in develop mode (the palette marks them). */
export function useDevelopingPluginIds(host: PluginHost): ReadonlySet<string> {
  const { modules } = usePluginHostState(host);
  return useMemo(() => new Set(modules.filter((h) => h.module.developing === true).flatMap((h) => h.module.plugins.map((p) => p.id))), [modules]);
}
