// Speech segments from the microphone with Silero VAD (@ricky0123/vad-web): the model, its
// audio worklet and onnxruntime's WASM are served by our server from the installed packages.
import type { MicVAD } from '@ricky0123/vad-web';

export interface SpeechHandlers {
  onSpeech(active: boolean): void;
}

export const vadAssets = { baseAssetPath: '/models/vad/', onnxWASMBasePath: '/models/ort/' };

/** Starts listening on `stream`; resolves to a stop function. Rejects if the model fails. */
export async function startSpeech(
  stream: MediaStream,
  handlers: SpeechHandlers,
): Promise<() => void> {
  const { MicVAD: Vad } = await import('@ricky0123/vad-web');
  let speaking = false;
  const set = (active: boolean) => {
    if (active === speaking) return;
    speaking = active;
    handlers.onSpeech(active);
  };
  const vad: MicVAD = await Vad.new({
    model: 'v5',
    ...vadAssets,
    // The exam page owns the microphone: VAD listens to a clone and never stops the original.
    getStream: async () => new MediaStream(stream.getAudioTracks().map((t) => t.clone())),
    pauseStream: async (s) => s.getTracks().forEach((t) => t.stop()),
    resumeStream: async () => new MediaStream(stream.getAudioTracks().map((t) => t.clone())),
    startOnLoad: true,
    onSpeechRealStart: () => set(true),
    onSpeechEnd: () => set(false),
    onVADMisfire: () => set(false),
  });
  return () => {
    set(false);
    void vad.destroy();
  };
}
