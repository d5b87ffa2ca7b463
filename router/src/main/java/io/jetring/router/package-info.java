/**
 * Routing as data: a {@link io.jetring.router.Router} is a {@link io.jetring.api.RingHandler} built
 * once from {@link io.jetring.router.Route} values. It answers 404, 405 with {@code Allow}, serves
 * {@code HEAD} with the {@code GET} route and {@code OPTIONS} with {@code Allow}, gives handlers their
 * path parameters ({@link io.jetring.router.Router#pathParam}) and records the matched route on the
 * request's context for logs and metrics. See {@code docs/routing.md}.
 */
package io.jetring.router;
