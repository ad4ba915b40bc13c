/**
 * iisnode's integrated debugging, the Node inspector way: {@code /<script>/<debuggerPathSegment>/}
 * recycles the application into one process started with {@code --inspect} on a free loopback port
 * from debuggerPortRange, and the inspector's HTTP ({@code json}) and WebSocket endpoints are
 * proxied under that URL, so a remote DevTools or VS Code attaches through the app's own address
 * while the inspector itself stays bound to loopback. {@code ?brk} breaks on the first line, {@code
 * ?kill} ends the session and restores the normal processes.
 *
 * <p>A debugger client can run any code in the app, so {@link
 * io.webgarden.sidecar.debug.DebuggerAccess} admits only clients whose TCP peer is loopback (in the
 * pod, or kubectl port-forward) or that carry debuggerAccessToken.
 */
package io.webgarden.sidecar.debug;
