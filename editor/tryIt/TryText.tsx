/**
 * "Try it" for a trained language model: a prompt, temperature, top-k and a token count; Generate
 * asks the engine worker to write after the prompt (token by token through the step forms, or by
 * re-running the window, which it says), and the text appears as the worker sends it.
 */
import { useRef, useState } from 'react';
import { errorMessage } from '../../runtime/sdk/index.ts';
import type { GenerateEvent, GenerateResult } from '../../workers/engineApi.ts';
import type { RunSession } from '../run/runSession.ts';

/** Props of {@link TryText}. */
export interface TryTextProps {
  readonly session: RunSession;
  /** False while a run trains (the worker generates only between runs). */
  readonly enabled: boolean;
}

function numberOr(text: string, fallback: number): number {
  const n = Number(text);
  return text.trim() === '' || !Number.isFinite(n) ? fallback : n;
}

function modeLine(mode: 'step' | 'window', fallback: string | undefined): string {
  return mode === 'step' ? 'Generating token by token with the step forms (each token O(1) in the context length).' : `Generating by re-running the window: ${fallback ?? 'a node has no step form'}.`;
}

/** The language-model panel of "Try it". */
export function TryText({ session, enabled }: TryTextProps) {
  const [prompt, setPrompt] = useState('ROMEO:');
  const [temperature, setTemperature] = useState('0.8');
  const [topK, setTopK] = useState('0');
  const [tokens, setTokens] = useState('200');
  const [text, setText] = useState('');
  const [mode, setMode] = useState<string>();
  const [result, setResult] = useState<GenerateResult>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const generated = useRef('');
  const generate = (): void => {
    generated.current = '';
    setText('');
    setResult(undefined);
    setError(undefined);
    setMode(undefined);
    setBusy(true);
    const onEvents = (events: GenerateEvent[]): void => {
      for (const e of events) {
        if (e.kind === 'start') setMode(modeLine(e.mode, e.fallback));
        else generated.current += e.text;
      }
      setText(generated.current);
    };
    const request = { prompt, temperature: numberOr(temperature, 0.8), topK: Math.round(numberOr(topK, 0)), tokens: Math.round(numberOr(tokens, 200)) };
    session
      .generate(request, onEvents)
      .then((r) => {
        setText(r.text);
        setResult(r);
      })
      .catch((e: unknown) => {
        setError(errorMessage(e));
      })
      .finally(() => {
        setBusy(false);
      });
  };
  return (
    <div className="nw-try-text" data-testid="try-text">
      <label>
        Prompt
        <textarea data-testid="try-prompt" rows={2} value={prompt} disabled={busy} onChange={(e) => { setPrompt(e.target.value); }} />
      </label>
      <div className="nw-try-row">
        <label title="0 = always the most likely token">
          Temperature <input data-testid="try-temperature" size={4} inputMode="decimal" value={temperature} disabled={busy} onChange={(e) => { setTemperature(e.target.value); }} />
        </label>
        <label title="Draw only from the k most likely tokens; 0 = all">
          Top-k <input data-testid="try-top-k" size={4} inputMode="numeric" value={topK} disabled={busy} onChange={(e) => { setTopK(e.target.value); }} />
        </label>
        <label>
          Tokens <input data-testid="try-tokens" size={5} inputMode="numeric" value={tokens} disabled={busy} onChange={(e) => { setTokens(e.target.value); }} />
        </label>
        {busy ? (
          <button type="button" data-testid="try-stop" onClick={() => void session.stopGenerating()}>
            Stop
          </button>
        ) : (
          <button type="button" data-testid="try-generate" disabled={!enabled} onClick={generate}>
            Generate
          </button>
        )}
      </div>
      {mode && <p className="nw-try-note" data-testid="try-mode">{mode}</p>}
      {error && (
        <p className="nw-try-error" role="alert" data-testid="try-error">
          {error}
        </p>
      )}
      <pre className="nw-try-output" data-testid="try-output" aria-live="polite">
        <span className="nw-try-prompt">{prompt}</span>
        {text}
      </pre>
      {result && (
        <p className="nw-try-note" data-testid="try-stats">
          {result.tokens} tokens{result.stopped ? ' (stopped)' : ''}, {result.msPerToken.toFixed(1)} ms per token
        </p>
      )}
    </div>
  );
}
