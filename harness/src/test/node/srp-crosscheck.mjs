// Computes Cognito SRP client values with Amplify JS's own internal helpers, for SrpAmplifyCrossCheckTest.
// Input (argv[2], JSON array): [{userPoolName, a, srpB, salt, userIdForSrp, password, secretBlock, timestamp}]
// Output (stdout, JSON array, same order): [{srpA, hkdfKey, signature}]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const srpDir = join(dirname(fileURLToPath(import.meta.url)),
    'node_modules/@aws-amplify/auth/dist/esm/providers/cognito/utils/srp');
const load = (path) => import(join(srpDir, path));

const { default: AuthenticationHelper } = await load('AuthenticationHelper/AuthenticationHelper.mjs');
const { default: BigInteger } = await load('BigInteger/BigInteger.mjs');
const { calculateA } = await load('calculate/calculateA.mjs');
const { INIT_N } = await load('constants.mjs');
const { getSignatureString } = await load('getSignatureString.mjs');

const N = new BigInteger(INIT_N, 16);
const g = new BigInteger('2', 16);

const compute = async (input) => {
  const a = new BigInteger(input.a, 16);
  const A = await calculateA({ a, g, N });
  const helper = new AuthenticationHelper({ userPoolName: input.userPoolName, a, g, A, N });
  const hkdf = await helper.getPasswordAuthenticationKey({
    username: input.userIdForSrp,
    password: input.password,
    serverBValue: new BigInteger(input.srpB, 16),
    salt: new BigInteger(input.salt, 16),
  });
  const signature = getSignatureString({
    userPoolName: input.userPoolName,
    username: input.userIdForSrp,
    challengeParameters: { SECRET_BLOCK: input.secretBlock },
    dateNow: input.timestamp,
    hkdf,
  });
  return { srpA: A.toString(16), hkdfKey: Buffer.from(hkdf).toString('hex'), signature };
};

const results = [];
for (const input of JSON.parse(process.argv[2])) {
  results.push(await compute(input));
}
process.stdout.write(JSON.stringify(results));
