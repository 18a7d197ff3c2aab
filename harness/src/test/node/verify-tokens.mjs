// Verifies an ID and an access token from the Stepwise emulator with aws-jwt-verify and prints their payloads.
// Input (environment): ENDPOINT, POOL_ID, CLIENT_ID, ID_TOKEN, ACCESS_TOKEN. Output: one JSON line
// {"id":{...},"access":{...}} on stdout; exit code 0 when both verify.
import { JwtVerifier } from "aws-jwt-verify";

const { ENDPOINT, POOL_ID, CLIENT_ID, ID_TOKEN, ACCESS_TOKEN } = process.env;

async function main() {
  const issuer = `${ENDPOINT}/${POOL_ID}`;
  const jwksUri = `${issuer}/.well-known/jwks.json`;
  const jwks = await (await fetch(jwksUri)).json();
  const idVerifier = JwtVerifier.create({
    issuer,
    audience: CLIENT_ID,
    jwksUri,
    customJwtCheck: ({ payload }) => {
      if (payload.token_use !== "id") throw new Error("not an ID token");
    },
  });
  idVerifier.cacheJwks(jwks);
  const accessVerifier = JwtVerifier.create({
    issuer,
    audience: null,
    jwksUri,
    customJwtCheck: ({ payload }) => {
      if (payload.token_use !== "access" || payload.client_id !== CLIENT_ID) throw new Error("not our access token");
    },
  });
  accessVerifier.cacheJwks(jwks);
  const id = await idVerifier.verify(ID_TOKEN);
  const access = await accessVerifier.verify(ACCESS_TOKEN);
  console.log(JSON.stringify({ id, access }));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`verification failed: ${error.name}: ${error.message}`);
    process.exit(1);
  },
);
