/**
 * IIS URL Rewrite, the part that needs no file system of its own: the rule model ({@link
 * io.webgarden.sidecar.site.rewrite.RewriteRule}, its conditions and actions), pattern compilation
 * for the three {@code patternSyntax} values, server-variable and back-reference templates, and the
 * {@link io.webgarden.sidecar.site.rewrite.RewriteEngine} that runs an ordered rule set against one
 * request.
 *
 * <p>Everything here is compiled once, when a web.config is parsed, and is immutable and shared
 * between event loops afterwards. The engine never decodes URLs or touches the disk by itself: the
 * {@link io.webgarden.sidecar.site.rewrite.RewriteContext} it is given (implemented by the site
 * resolver) answers server variables, {@code IsFile}/{@code IsDirectory} and validates every
 * rewritten URL, so a rule can never lead the resolver outside the site root.
 *
 * <p>Semantics follow URL Rewrite 2.x distributed rules: rules are evaluated in order (inherited
 * parent rules first), each sees the URL produced by the rules before it, a rule matches the URL
 * path relative to the folder of the web.config that declares it, {@code Rewrite} and {@code None}
 * continue unless {@code stopProcessing}, and the other actions end the request.
 */
package io.webgarden.sidecar.site.rewrite;
