/**
 * The run panel's public surface for the editor shell: the panel itself and the per-node
 * live diagnostics hook for canvas nodes. See README.md for how to mount them.
 */
export { RunPanel, type RunPanelProps } from './RunPanel.tsx';
export { useNodeRunDiagnostics, defaultRunDiagnostics, createRunDiagnosticsStore, type NodeRunState, type RunDiagnosticsStore, type DiagnosticValue } from './nodeDiagnostics.ts';
export { useNodeHeat, useProfile, defaultProfiles, createProfileStore, type NodeHeat, type ProfileStore } from './nodeProfile.ts';
export { createRunSession, type RunSession, type RunSessionState, type RunPhase } from './runSession.ts';
export type { RunRecord, RunStatus } from './runsStore.ts';
