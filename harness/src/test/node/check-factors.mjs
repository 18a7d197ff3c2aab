// The factor check of docs/devices.md, run against the Stepwise emulator: verifies an access token with aws-jwt-verify
// (the emulator's issuer and JWKS, so JwtVerifier instead of CognitoJwtVerifier), then requires one of ACCEPTED in
// stepwise:amr and a last step within MAX_AGE seconds.
// Input (environment): ENDPOINT, POOL_ID, CLIENT_ID, ACCESS_TOKEN, ACCEPTED (space separated), MAX_AGE.
// Output: one JSON line {"amr":[...],"lastStepAt":n} on stdout and exit code 0 when the check passes; the reason on
// stderr and exit code 1 when it does not.
import { JwtVerifier } from "aws-jwt-verify";

const { ENDPOINT, POOL_ID, CLIENT_ID, ACCESS_TOKEN, ACCEPTED, MAX_AGE } = process.env;

async function requireRecentFactor(verifier, token, accepted, maxAgeSeconds) {
  const payload = await verifier.verify(token);
  const amr = (payload["stepwise:amr"] ?? "").split(" ").filter(Boolean);
  const lastStep = Number(payload["stepwise:last_step_at"]);
  if (!accepted.some((method) => amr.includes(method))) throw new Error("step up: sign in with a stronger factor");
  if (!(Date.now() / 1000 - lastStep <= maxAgeSeconds)) throw new Error("step up: sign in again");
  return { amr, lastStepAt: lastStep };
}

async function main() {
  const issuer = `${ENDPOINT}/${POOL_ID}`;
  const jwksUri = `${issuer}/.well-known/jwks.json`;
  const verifier = JwtVerifier.create({
    issuer,
    audience: null,
    jwksUri,
    customJwtCheck: ({ payload }) => {
      if (payload.token_use !== "access" || payload.client_id !== CLIENT_ID) throw new Error("not our access token");
    },
  });
  verifier.cacheJwks(await (await fetch(jwksUri)).json());
  const result = await requireRecentFactor(verifier, ACCESS_TOKEN, ACCEPTED.split(" "), Number(MAX_AGE));
  console.log(JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error.message);
    process.exit(1);
  },
);
