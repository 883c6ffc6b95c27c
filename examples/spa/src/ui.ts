import { ApiResponse, describeError } from './api';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export function showMessage(text: string): void {
  $('message').textContent = text;
  $('errors').textContent = '';
}

export function showError(res: ApiResponse | string): void {
  $('message').textContent = '';
  $('errors').textContent = typeof res === 'string' ? res : describeError(res);
}

export function clearStatus(): void {
  $('message').textContent = '';
  $('errors').textContent = '';
}

export function mount(html: string): HTMLElement {
  const app = $('app');
  app.innerHTML = html;
  return app;
}

/** A form whose submit hands its fields to `onSubmit` (the button is disabled meanwhile). */
export function onForm(id: string, onSubmit: (fields: Record<string, string>) => Promise<void>): void {
  const form = $<HTMLFormElement>(id);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button');
    if (button) button.disabled = true;
    try {
      const fields = Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, String(v)]));
      await onSubmit(fields);
    } catch (e) {
      showError(`Cannot reach the server: ${(e as Error).message}`);
    } finally {
      if (button) button.disabled = false;
    }
  });
}

export function text(value: unknown): string {
  const span = document.createElement('span');
  span.textContent = String(value ?? '');
  return span.innerHTML;
}

export function setSession(text: string): void {
  // compared first: the caller observes DOM changes, this one included
  if ($('session').textContent !== text) $('session').textContent = text;
}
