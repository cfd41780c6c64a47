// electron-builder's afterPack hook (electron-builder.yml): writes resources/build-info.json, which tells
// the running app whether this build was code-signed (the About area says so when it was not:
// main/desktop/buildInfo.ts reads it). It runs before signing, so it reads what signing will use: the
// environment electron-builder itself reads (https://www.electron.build/code-signing).
const { writeFileSync } = require('node:fs');
const path = require('node:path');

const set = (env, name) => typeof env[name] === 'string' && env[name].trim() !== '';

/**
 * Whether electron-builder will sign (and, on macOS, notarize) for `platform` with this environment.
 * macOS: a certificate (CSC_LINK, or CSC_NAME naming one in the keychain) unless auto-discovery is off
 * without either; notarization: APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID, or APPLE_API_KEY +
 * APPLE_API_KEY_ID + APPLE_API_ISSUER, or APPLE_KEYCHAIN_PROFILE. Windows: WIN_CSC_LINK or CSC_LINK, or
 * Azure Trusted Signing (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET). Linux packages are not signed.
 */
function signingFromEnv(env, platform) {
  if (platform === 'darwin' || platform === 'mas') {
    const signed = set(env, 'CSC_LINK') || set(env, 'CSC_NAME');
    const notarized =
      signed &&
      ((set(env, 'APPLE_ID') && set(env, 'APPLE_APP_SPECIFIC_PASSWORD') && set(env, 'APPLE_TEAM_ID')) ||
        (set(env, 'APPLE_API_KEY') && set(env, 'APPLE_API_KEY_ID') && set(env, 'APPLE_API_ISSUER')) ||
        set(env, 'APPLE_KEYCHAIN_PROFILE'));
    return { codeSigned: signed, notarized };
  }
  if (platform === 'win32') {
    const azure = set(env, 'AZURE_TENANT_ID') && set(env, 'AZURE_CLIENT_ID') && set(env, 'AZURE_CLIENT_SECRET');
    return { codeSigned: set(env, 'WIN_CSC_LINK') || set(env, 'CSC_LINK') || azure, notarized: false };
  }
  return { codeSigned: false, notarized: false };
}

async function afterPack(context) {
  const resources = context.packager.getResourcesDir(context.appOutDir);
  const info = { platform: context.electronPlatformName, ...signingFromEnv(process.env, context.electronPlatformName) };
  writeFileSync(path.join(resources, 'build-info.json'), JSON.stringify(info) + '\n');
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.signingFromEnv = signingFromEnv;
