/**
 * Whether a browser started here could show a window to the person: macOS and Windows always can;
 * on Linux only with an X or Wayland display (a server running the web host has neither).
 */
export function hasDisplay(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean {
  return platform !== 'linux' || !!env.DISPLAY || !!env.WAYLAND_DISPLAY;
}
