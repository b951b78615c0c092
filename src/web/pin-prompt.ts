/**
 * Asks for the call's PIN (`start --pin`) with the page's own form: no prompt(), which some
 * mobile browsers block and which cannot say why the last attempt failed.
 */
export function askForPin(doc: Document, why: string): Promise<string> {
  const form = doc.getElementById('pin-form');
  const label = doc.getElementById('pin-label');
  const input = doc.getElementById('pin-input');
  if (!(form instanceof HTMLFormElement) || !label || !(input instanceof HTMLInputElement)) {
    return Promise.reject(new Error('page is missing the PIN form'));
  }
  label.textContent = why;
  input.value = '';
  form.hidden = false;
  input.focus();
  return new Promise((resolve) => {
    form.addEventListener(
      'submit',
      (event) => {
        event.preventDefault();
        form.hidden = true;
        resolve(input.value);
      },
      { once: true },
    );
  });
}
