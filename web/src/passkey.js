// Passkey steps (WebAuthn) of the reference sign-in page. The Create trigger puts the WebAuthn Level 3 JSON form of
// the options in the public challenge parameter publicKeyOptions (PublicKeyCredentialRequestOptionsJSON, or
// PublicKeyCredentialCreationOptionsJSON on the set-up step); the answer is the JSON of PublicKeyCredential.toJSON().
// Kept apart from main.js so the page's other steps and this one change independently.

export const PASSKEY_STEP = "CONFIRM_SIGN_IN_WITH_PASSKEY";
export const PASSKEY_SETUP_STEP = "CONTINUE_SIGN_IN_WITH_PASSKEY_SETUP";

function fromBase64url(text) {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0)).buffer;
}

function toBase64url(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

// Browsers without WebAuthn Level 3's JSON methods get the base64url members decoded here instead.
function parseOptions(json, setup) {
  const options = JSON.parse(json);
  const pkc = window.PublicKeyCredential;
  if (setup && typeof pkc.parseCreationOptionsFromJSON === "function") return pkc.parseCreationOptionsFromJSON(options);
  if (!setup && typeof pkc.parseRequestOptionsFromJSON === "function") return pkc.parseRequestOptionsFromJSON(options);
  const descriptors = (list) => (list ?? []).map((d) => ({ ...d, id: fromBase64url(d.id) }));
  if (setup) {
    return {
      ...options,
      challenge: fromBase64url(options.challenge),
      user: { ...options.user, id: fromBase64url(options.user.id) },
      excludeCredentials: descriptors(options.excludeCredentials),
    };
  }
  return { ...options, challenge: fromBase64url(options.challenge), allowCredentials: descriptors(options.allowCredentials) };
}

function credentialJson(credential) {
  if (typeof credential.toJSON === "function") return credential.toJSON();
  const r = credential.response;
  const response = { clientDataJSON: toBase64url(r.clientDataJSON) };
  if (r.attestationObject) {
    response.attestationObject = toBase64url(r.attestationObject);
    response.transports = typeof r.getTransports === "function" ? r.getTransports() : [];
  } else {
    response.authenticatorData = toBase64url(r.authenticatorData);
    response.signature = toBase64url(r.signature);
    if (r.userHandle) response.userHandle = toBase64url(r.userHandle);
  }
  return {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
    clientExtensionResults: credential.getClientExtensionResults(),
    response,
  };
}

/** Whether this browser can use passkeys at all. */
export function passkeysAvailable() {
  return typeof window.PublicKeyCredential === "function" && typeof navigator.credentials?.get === "function";
}

/** Runs the browser's passkey dialog for the step and returns the answer: the credential's JSON, as text. */
export async function passkeyAnswer(info) {
  const setup = info.step === PASSKEY_SETUP_STEP;
  // snippet: passkey
  const publicKey = parseOptions(info.publicKeyOptions, setup);
  const credential = setup
    ? await navigator.credentials.create({ publicKey })
    : await navigator.credentials.get({ publicKey });
  return JSON.stringify(credentialJson(credential));
  // end snippet
}

function refusal(error, setup) {
  if (error?.name === "InvalidStateError") return "This device already has a passkey for your account.";
  if (error?.name === "NotAllowedError") {
    return setup
      ? "The passkey was not created: the request was cancelled or timed out. Try again."
      : "No passkey was used: the request was cancelled or timed out, or this device has no passkey for you. Try again.";
  }
  return "This browser could not use a passkey here. Try again, or sign in again another way.";
}

/**
 * Renders a passkey step with the page's own helpers (ui: el, show, stepMeta, startAgainButton, submit, answer,
 * announce), so it looks and behaves like the other steps.
 */
export function renderPasskey(info, ui) {
  const setup = info.step === PASSKEY_SETUP_STEP;
  const action = setup ? "Create a passkey" : "Use your passkey";
  const form = ui.el("form", { novalidate: true }, ui.el("button", { type: "submit" }, action), ui.startAgainButton());
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!passkeysAvailable()) {
      ui.announce("This browser cannot use passkeys. Sign in again another way.");
      return;
    }
    ui.submit(form, async () => {
      let response;
      try {
        response = await passkeyAnswer(info);
      } catch (error) {
        ui.announce(refusal(error, setup));
        return;
      }
      await ui.answer(response, info);
    });
  });
  ui.show(
    ui.el("h1", { text: setup ? "Create a passkey" : "Sign in with your passkey" }),
    ui.el("p", {
      text: setup
        ? "Create a passkey on this device, so that next time you sign in with your fingerprint, face or screen lock."
        : "Confirm with the passkey on this device or your phone: your fingerprint, face or screen lock.",
    }),
    ui.stepMeta(info, setup ? "set-up" : "request"),
    form,
  );
}
