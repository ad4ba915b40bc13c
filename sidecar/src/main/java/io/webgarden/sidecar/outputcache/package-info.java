/**
 * IIS's output cache for node responses ({@code system.webServer/caching} profiles): a GET whose
 * response is cached is answered from memory and never reaches node. Entries are keyed by the
 * application, its configuration revision (a recycle makes a new one, so it invalidates them), the
 * URL path and what the profile varies by; memory is bounded in total and per response. Responses
 * the application marks as private or uncacheable are never kept. May import Vert.x, the site
 * model's records and the proxy's {@link io.webgarden.sidecar.proxy.ResponseCopy}.
 */
package io.webgarden.sidecar.outputcache;
