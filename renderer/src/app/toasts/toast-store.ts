// Short messages in the corner: confirmations with an optional action (Undo) and errors.
import { create } from 'zustand';

export interface ToastAction {
  label: string;
  run: () => void;
}

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  action: ToastAction | null;
}

interface ToastState {
  toasts: Toast[];
  show: (message: string, options?: { tone?: Toast['tone']; action?: ToastAction }) => number;
  dismiss: (id: number) => void;
}

/** Few at once keeps the corner readable; the oldest goes first. */
const maxToasts = 3;
let nextId = 1;

export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  show(message, options = {}) {
    const toast: Toast = {
      id: nextId++,
      message,
      tone: options.tone ?? 'info',
      action: options.action ?? null,
    };
    set({ toasts: [...get().toasts, toast].slice(-maxToasts) });
    return toast.id;
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));

export const showToast = (...args: Parameters<ToastState['show']>) =>
  useToasts.getState().show(...args);
export const showError = (message: string) => showToast(message, { tone: 'error' });
