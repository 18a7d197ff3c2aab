// Trusted devices: the device credential this browser keeps per user, and the answer to the silent trusted-device
// round (factor "device", step CONFIRM_SIGN_IN_WITH_DEVICE) that a policy with steps marked for new devices starts with.
// The answer is "present:<secret>" with the credential held, "trust:<secret>" with a new one when the user ticked
// "Trust this device", else "none". A proposed secret becomes the credential only once the sign-in is done; the
// triggers trust it only if the whole policy was passed. The secret is 32 random bytes (base64url); the server keeps
// only its hash. It lives in localStorage, so anything that can run script on this origin can read it: keep the page
// free of third-party script, as for the tokens Amplify keeps there.

const PROPOSED = "stepwise:device-proposed:";
const HELD = "stepwise:device:";

let scope = "";

/** Binds the keys to one pool and app client, so a credential is never offered to another. */
export function deviceScope(userPoolId, clientId) {
  scope = `${userPoolId}:${clientId}:`;
}

/** Whether a Stepwise challenge is the trusted-device round, which the page answers without asking. */
export function isDeviceRound(info) {
  return info?.factor === "device";
}

function newSecret() {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** The answer to the trusted-device round for `username`. */
export function deviceAnswer(username, trustThisDevice) {
  const held = localStorage.getItem(HELD + scope + username);
  if (held) {
    return `present:${held}`;
  }
  if (!trustThisDevice) {
    return "none";
  }
  const secret = newSecret();
  sessionStorage.setItem(PROPOSED + scope + username, secret);
  return `trust:${secret}`;
}

/** The sign-in of `username` is done: a secret proposed during it becomes this browser's credential. */
export function deviceSignedIn(username) {
  const proposed = sessionStorage.getItem(PROPOSED + scope + username);
  if (proposed) {
    localStorage.setItem(HELD + scope + username, proposed);
    sessionStorage.removeItem(PROPOSED + scope + username);
  }
}

/** Forgets `username`'s credential in this browser (the server-side trust is revoked with `stepwise devices`). */
export function forgetDevice(username) {
  localStorage.removeItem(HELD + scope + username);
  sessionStorage.removeItem(PROPOSED + scope + username);
}

/** The "Trust this device" checkbox for the start form. */
export function trustField(el) {
  return el(
    "label",
    { class: "trust" },
    el("input", { type: "checkbox", name: "trustDevice" }),
    " Trust this device (skip the extra step here next time)",
  );
}
