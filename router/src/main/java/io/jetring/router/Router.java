package io.jetring.router;

import io.jetring.api.BadRequestException;
import io.jetring.api.InvalidArgumentException;
import io.jetring.api.Middleware;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A {@link RingHandler} that picks a route by method and path. Built once with {@link #builder()};
 * immutable and thread-safe after.
 *
 * <ul>
 *   <li>No route for the path: {@code 404}. A route for the path but not the method: {@code 405}
 *       with {@code Allow}.</li>
 *   <li>{@code HEAD} is served by the {@code GET} route unless a route answers {@code HEAD} (the
 *       server sends its headers without the body); {@code OPTIONS} gets {@code 204} with
 *       {@code Allow} unless a route answers it.</li>
 *   <li>Matching is exact: {@code /users/} and {@code /users//7} are not {@code /users} and
 *       {@code /users/7} (an empty segment matches only {@code {*rest}}); literal segments match the
 *       path as sent, parameters are percent-decoded (a bad escape is a {@code 400}).</li>
 *   <li>The router is async iff one of its routes or middleware is; it then runs its sync routes on
 *       {@code request.context().blockingExecutor()}, never on the thread that called it, and holds no
 *       thread while an async route's stage is pending.</li>
 *   <li>The matched route is recorded with {@code request.context().route(template, name)}, so a
 *       request log or metrics see the template, never the raw path.</li>
 * </ul>
 */
public final class Router implements RingHandler {
    /** The request attribute holding the decoded path parameters, a {@code Map<String, String>}. */
    public static final String PATH_PARAMS = "io.jetring.router.pathParams";

    private final List<Route> routes;
    private final Map<String, Route> byName;
    private final Node root;
    private final boolean hasParams;
    private final boolean async;
    private final RingHandler entry;

    private Router(List<Route> routes, List<Middleware> middleware) {
        this.routes = List.copyOf(routes);
        Map<String, Route> names = new HashMap<>();
        Node tree = new Node(null);
        boolean params = false;
        boolean anyAsync = false;
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            Template template = Template.parse(route.template());
            for (int j = 0; j < i; j++) {
                Route other = routes.get(j);
                if (!Collections.disjoint(route.methods(), other.methods())
                        && template.overlaps(Template.parse(other.template()))) {
                    throw InvalidArgumentException.of("route", route,
                            "no other route for the same request, but " + other + " matches some of its requests too");
                }
            }
            route.name().ifPresent(name -> {
                Route previous = names.putIfAbsent(name, route);
                if (previous != null) {
                    throw InvalidArgumentException.of("route name", "\"" + name + "\"",
                            "a name used once, but " + previous + " and " + route + " both have it");
                }
            });
            params |= template.segments().stream().anyMatch(s -> s.kind() != Template.Kind.LITERAL);
            anyAsync |= route.handler().isAsync();
            tree.insert(template, 0, route);
        }
        this.byName = Map.copyOf(names);
        this.root = tree;
        this.hasParams = params;
        RingHandler dispatcher = anyAsync ? RingHandler.async(this::dispatchAsync) : this::dispatch;
        for (int i = middleware.size() - 1; i >= 0; i--) {
            dispatcher = dispatcher.wrap(middleware.get(i));
        }
        this.entry = dispatcher;
        this.async = dispatcher.isAsync();
    }

    /** A builder with no routes. */
    public static Builder builder() {
        return new Builder("", List.of());
    }

    @Override
    public Response handle(Request request) throws Exception {
        return entry.handle(request);
    }

    @Override
    public CompletionStage<Response> handleAsync(Request request) {
        return entry.handleAsync(request);
    }

    @Override
    public boolean isAsync() {
        return async;
    }

    /** The routes, in the order they were added, with group prefixes applied. */
    public List<Route> routes() {
        return routes;
    }

    /**
     * The path of the named route with its parameters filled in, percent-encoded (a {@code {*rest}}
     * value keeps its slashes). Fails naming the route or the missing parameter.
     */
    public String url(String name, Map<String, ?> params) {
        Route route = byName.get(name);
        if (route == null) {
            throw InvalidArgumentException.of("route name", "\"" + name + "\"", "one of " + new TreeSet<>(byName.keySet()));
        }
        Template template = Template.parse(route.template());
        if (template.segments().isEmpty()) {
            return "/";
        }
        StringBuilder url = new StringBuilder();
        for (Template.Segment segment : template.segments()) {
            url.append('/');
            if (segment.kind() == Template.Kind.LITERAL) {
                url.append(segment.value());
                continue;
            }
            Object value = params.get(segment.value());
            if (value == null) {
                throw InvalidArgumentException.of("parameter " + segment.value() + " of " + route.template(), "missing",
                        "a value for every parameter");
            }
            String text = value.toString();
            if (segment.kind() == Template.Kind.PARAM) {
                if (text.isEmpty()) {
                    throw InvalidArgumentException.of("parameter " + segment.value(), "\"\"", "a non-empty value");
                }
                url.append(encode(text, false));
            } else {
                url.append(encode(text, true));
            }
        }
        return url.toString();
    }

    /** The path of the named route, for routes without parameters or with them as name, value pairs. */
    public String url(String name, String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw InvalidArgumentException.of("namesAndValues", namesAndValues.length + " strings", "name, value pairs");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return url(name, params);
    }

    /**
     * The decoded value of a path parameter of the route that matched. Fails if the request did not
     * come through a {@code Router}, or if its route has no such parameter.
     */
    public static String pathParam(Request request, String name) {
        String value = pathParams(request).get(name);
        if (value == null) {
            throw new IllegalArgumentException("path parameter " + name + ": none in route "
                    + request.context().routeTemplate().orElse("?"));
        }
        return value;
    }

    /** The decoded path parameters of the matched route (empty for a route without any). */
    @SuppressWarnings("unchecked")
    public static Map<String, String> pathParams(Request request) {
        Object params = request.attributes().get(PATH_PARAMS);
        if (params != null) {
            return (Map<String, String>) params;
        }
        if (request.context().routeTemplate().isEmpty()) {
            throw new IllegalStateException("no route matched this request: path parameters need a Router"
                    + " (io.jetring.router.Router) in front of the handler");
        }
        return Map.of();
    }

    // --- dispatch ---

    private Response dispatch(Request request) throws Exception {
        Object found = resolve(request);
        if (found instanceof Response response) {
            return response;
        }
        Routed routed = (Routed) found;
        return routed.handler.handle(routed.request);
    }

    private CompletionStage<Response> dispatchAsync(Request request) throws Exception {
        Object found = resolve(request);
        if (found instanceof Response response) {
            return CompletableFuture.completedFuture(response);
        }
        Routed routed = (Routed) found;
        if (routed.handler.isAsync()) {
            return routed.handler.handleAsync(routed.request);
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return routed.handler.handle(routed.request);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, routed.request.context().blockingExecutor());
    }

    private record Routed(RingHandler handler, Request request) {
    }

    /** The routed request and its handler, or the router's own response. */
    private Object resolve(Request request) {
        String path = request.path();
        String method = request.method();
        Captures captures = hasParams ? new Captures() : null;
        Endpoint endpoint = find(path, method, captures);
        if (endpoint == null && method.equals("HEAD")) {
            endpoint = find(path, "GET", captures);
            method = "GET";
        }
        if (endpoint == null) {
            Set<String> allowed = new TreeSet<>();
            collect(path, allowed);
            if (allowed.isEmpty()) {
                return Response.notFound();
            }
            if (allowed.contains("GET")) {
                allowed.add("HEAD");
            }
            allowed.add("OPTIONS");
            String allow = String.join(", ", allowed);
            if (request.method().equals("OPTIONS")) {
                return Response.status(204).withHeader("Allow", allow);
            }
            return Response.text(405, "Method Not Allowed").withHeader("Allow", allow);
        }
        Bound bound = endpoint.byMethod.get(method);
        request.context().route(bound.route.template(), bound.route.name());
        Request routed = request;
        if (bound.paramNames.length > 0) {
            routed = request.withAttribute(PATH_PARAMS, params(bound.paramNames, path, captures));
        }
        return new Routed(bound.handler, routed);
    }

    /** The decoded parameters, in template order. */
    private static Map<String, String> params(String[] names, String path, Captures captures) {
        String[] values = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = decode(path, captures.bounds[2 * i], captures.bounds[2 * i + 1], names[i]);
        }
        return new PathParams(names, values);
    }

    private Endpoint find(String path, String method, Captures captures) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        if (captures != null) {
            captures.size = 0;
        }
        if (path.length() == 1) {
            if (root.endpoint != null && root.endpoint.byMethod.containsKey(method)) {
                return root.endpoint;
            }
            if (root.rest != null && root.rest.byMethod.containsKey(method)) {
                captures.push(1, 1);
                return root.rest;
            }
            return null;
        }
        return find(root, path, 0, method, captures);
    }

    private static Endpoint find(Node node, String path, int pos, String method, Captures captures) {
        if (pos == path.length()) {
            return node.endpoint != null && node.endpoint.byMethod.containsKey(method) ? node.endpoint : null;
        }
        int start = pos + 1;
        int end = path.indexOf('/', start);
        if (end < 0) {
            end = path.length();
        }
        int length = end - start;
        for (Node child : node.literals) {
            if (child.literal.length() == length && path.regionMatches(start, child.literal, 0, length)) {
                Endpoint found = find(child, path, end, method, captures);
                if (found != null) {
                    return found;
                }
            }
        }
        if (node.param != null && length > 0) {
            int mark = captures.size;
            captures.push(start, end);
            Endpoint found = find(node.param, path, end, method, captures);
            if (found != null) {
                return found;
            }
            captures.size = mark;
        }
        if (node.rest != null && node.rest.byMethod.containsKey(method)) {
            captures.push(start, path.length());
            return node.rest;
        }
        return null;
    }

    /** Every method some route answers for this path. */
    private void collect(String path, Set<String> methods) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return;
        }
        if (path.length() == 1) {
            if (root.endpoint != null) {
                methods.addAll(root.endpoint.byMethod.keySet());
            }
            if (root.rest != null) {
                methods.addAll(root.rest.byMethod.keySet());
            }
            return;
        }
        collect(root, path, 0, methods);
    }

    private static void collect(Node node, String path, int pos, Set<String> methods) {
        if (pos == path.length()) {
            if (node.endpoint != null) {
                methods.addAll(node.endpoint.byMethod.keySet());
            }
            return;
        }
        int start = pos + 1;
        int end = path.indexOf('/', start);
        if (end < 0) {
            end = path.length();
        }
        int length = end - start;
        for (Node child : node.literals) {
            if (child.literal.length() == length && path.regionMatches(start, child.literal, 0, length)) {
                collect(child, path, end, methods);
            }
        }
        if (node.param != null && length > 0) {
            collect(node.param, path, end, methods);
        }
        if (node.rest != null) {
            methods.addAll(node.rest.byMethod.keySet());
        }
    }

    // --- the tree ---

    private static final class Node {
        final String literal;
        Node[] literals = new Node[0];
        Node param;
        Endpoint rest;
        Endpoint endpoint;

        Node(String literal) {
            this.literal = literal;
        }

        void insert(Template template, int index, Route route) {
            List<Template.Segment> segments = template.segments();
            if (index == segments.size()) {
                endpoint = add(endpoint, template, route);
                return;
            }
            Template.Segment segment = segments.get(index);
            switch (segment.kind()) {
                case LITERAL -> {
                    Node child = null;
                    for (Node n : literals) {
                        if (n.literal.equals(segment.value())) {
                            child = n;
                        }
                    }
                    if (child == null) {
                        child = new Node(segment.value());
                        Node[] grown = java.util.Arrays.copyOf(literals, literals.length + 1);
                        grown[literals.length] = child;
                        literals = grown;
                    }
                    child.insert(template, index + 1, route);
                }
                case PARAM -> {
                    if (param == null) {
                        param = new Node(null);
                    }
                    param.insert(template, index + 1, route);
                }
                case REST -> rest = add(rest, template, route);
            }
        }

        private static Endpoint add(Endpoint endpoint, Template template, Route route) {
            Endpoint e = endpoint == null ? new Endpoint() : endpoint;
            String[] names = template.segments().stream()
                    .filter(s -> s.kind() != Template.Kind.LITERAL).map(Template.Segment::value).toArray(String[]::new);
            Bound bound = new Bound(route, route.handler(), names);
            for (String method : route.methods()) {
                e.byMethod.put(method, bound);
            }
            return e;
        }
    }

    private static final class Endpoint {
        final Map<String, Bound> byMethod = new HashMap<>();
    }

    private record Bound(Route route, RingHandler handler, String[] paramNames) {
    }

    /** Start and end offsets of the parameters matched so far, in template order. */
    private static final class Captures {
        int[] bounds = new int[8];
        int size;

        void push(int start, int end) {
            if (2 * size + 2 > bounds.length) {
                bounds = java.util.Arrays.copyOf(bounds, bounds.length * 2);
            }
            bounds[2 * size] = start;
            bounds[2 * size + 1] = end;
            size++;
        }
    }

    /**
     * An immutable map over the route's parameter names and one request's values, in template
     * order: one array per lookup instead of a hash map (routes have a handful of parameters).
     */
    private static final class PathParams extends AbstractMap<String, String> {
        private final String[] names;
        private final String[] values;

        PathParams(String[] names, String[] values) {
            this.names = names;
            this.values = values;
        }

        @Override
        public String get(Object key) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(key)) {
                    return values[i];
                }
            }
            return null;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public int size() {
            return names.length;
        }

        @Override
        public Set<Map.Entry<String, String>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, String>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < names.length;
                        }

                        @Override
                        public Map.Entry<String, String> next() {
                            if (next >= names.length) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new AbstractMap.SimpleImmutableEntry<>(names[i], values[i]);
                        }
                    };
                }

                @Override
                public int size() {
                    return names.length;
                }
            };
        }
    }

    // --- encoding ---

    private static String decode(String path, int start, int end, String name) {
        if (path.indexOf('%', start) < 0 || path.indexOf('%', start) >= end) {
            return path.substring(start, end);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(end - start);
        for (int i = start; i < end; i++) {
            char c = path.charAt(i);
            if (c == '%') {
                int hi = i + 2 < end ? Character.digit(path.charAt(i + 1), 16) : -1;
                int lo = i + 2 < end ? Character.digit(path.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new BadRequestException("path parameter " + name + ": \"" + path.substring(start, end)
                            + "\" (expected: valid percent-encoding)");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        byte[] raw = bytes.toByteArray();
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(raw)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BadRequestException("path parameter " + name + ": \"" + path.substring(start, end)
                    + "\" (expected: UTF-8 after percent-decoding)", e);
        }
    }

    private static final String UNRESERVED = "-._~!$&'()*+,;=:@";

    private static String encode(String text, boolean keepSlashes) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || (c < 0x80 && UNRESERVED.indexOf(c) >= 0) || (keepSlashes && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    // --- building ---

    /**
     * Collects routes and middleware. {@code build()} checks them all: two routes that can match the
     * same request, a malformed template or a repeated name fail naming them.
     */
    public static final class Builder {
        private final String prefix;
        private final List<Middleware> groupMiddleware;
        private final List<Route> routes = new ArrayList<>();
        private final List<Middleware> middleware = new ArrayList<>();

        private Builder(String prefix, List<Middleware> groupMiddleware) {
            this.prefix = prefix;
            this.groupMiddleware = groupMiddleware;
        }

        /** Adds a route. */
        public Builder route(Route route) {
            Objects.requireNonNull(route, "route");
            RingHandler handler = route.handler();
            for (int i = groupMiddleware.size() - 1; i >= 0; i--) {
                handler = handler.wrap(groupMiddleware.get(i));
            }
            String template = prefix.isEmpty() ? route.template()
                    : route.template().equals("/") ? prefix : prefix + route.template();
            routes.add(route.with(template, handler));
            return this;
        }

        /** Adds a route for one method. */
        public Builder route(String method, String template, RingHandler handler) {
            return route(Route.of(method, template, handler));
        }

        /** A {@code GET} route (which also serves {@code HEAD}). */
        public Builder get(String template, RingHandler handler) {
            return route("GET", template, handler);
        }

        /** A {@code POST} route. */
        public Builder post(String template, RingHandler handler) {
            return route("POST", template, handler);
        }

        /** A {@code PUT} route. */
        public Builder put(String template, RingHandler handler) {
            return route("PUT", template, handler);
        }

        /** A {@code PATCH} route. */
        public Builder patch(String template, RingHandler handler) {
            return route("PATCH", template, handler);
        }

        /** A {@code DELETE} route. */
        public Builder delete(String template, RingHandler handler) {
            return route("DELETE", template, handler);
        }

        /**
         * A WebSocket route: {@code handler} answers upgrade requests to {@code template}, with
         * {@code Response.websocket(listener)} to accept (or any other response to refuse: a 401,
         * a 403). A plain {@code GET} there gets {@code 426 Upgrade Required}. Group and router
         * middleware see the upgrade as they see any request.
         */
        public Builder websocket(String template, RingHandler handler) {
            Objects.requireNonNull(handler, "handler");
            Middleware upgradesOnly = Middleware.around((request, next) -> request.isWebSocketUpgrade()
                    ? next.apply(request)
                    : CompletableFuture.completedFuture(Response.text(426, "Upgrade Required: a WebSocket endpoint")
                            .withHeader("Upgrade", "websocket").withHeader("Connection", "Upgrade")));
            return route(Route.of("GET", template, handler.wrap(upgradesOnly)).withMetadata("websocket", true));
        }

        /**
         * Routes under {@code prefix} (such as {@code /api}), each wrapped in {@code middleware}
         * (outermost first) inside this builder's own group middleware. Groups nest.
         */
        public Builder group(String prefix, List<Middleware> middleware, Consumer<Builder> routes) {
            Template.parse(prefix);
            if (prefix.equals("/") || prefix.endsWith("/")) {
                throw InvalidArgumentException.of("group prefix", "\"" + prefix + "\"", "a prefix such as /api, without a trailing /");
            }
            List<Middleware> inner = new ArrayList<>(groupMiddleware);
            inner.addAll(middleware);
            Builder group = new Builder(this.prefix + prefix, List.copyOf(inner));
            routes.accept(group);
            if (!group.middleware.isEmpty()) {
                throw InvalidArgumentException.of("middleware", "added inside group " + this.prefix + prefix,
                        "the group's own middleware (group(prefix, middleware, routes)), or middleware(prefix, m) on the router's builder");
            }
            this.routes.addAll(group.routes);
            return this;
        }

        /** Routes under {@code prefix} with no middleware of their own. */
        public Builder group(String prefix, Consumer<Builder> routes) {
            return group(prefix, List.of(), routes);
        }

        /** Routes under {@code prefix}, each wrapped in {@code middleware}. */
        public Builder group(String prefix, Middleware middleware, Consumer<Builder> routes) {
            return group(prefix, List.of(middleware), routes);
        }

        /**
         * Middleware around the whole router, outermost first: it sees every request, the router's
         * own {@code 404}, {@code 405} and {@code OPTIONS} answers included.
         */
        public Builder middleware(Middleware middleware) {
            this.middleware.add(Objects.requireNonNull(middleware, "middleware"));
            return this;
        }

        /**
         * Middleware around the whole router for the requests whose path is {@code prefix} or lies
         * under it ({@code /api}: {@code /api} and {@code /api/…}, not {@code /apis}). Like
         * {@link #middleware(Middleware)} it also sees the router's own {@code 404}, {@code 405} and
         * {@code OPTIONS} answers for those paths, which a group's middleware does not: CORS for a
         * group's routes goes here, so that it answers their preflights. Other requests pass it by.
         */
        public Builder middleware(String prefix, Middleware middleware) {
            if (Template.parse(prefix).segments().stream().anyMatch(segment -> segment.kind() != Template.Kind.LITERAL)) {
                throw InvalidArgumentException.of("middleware prefix", "\"" + prefix + "\"", "literal segments only, such as /api");
            }
            if (prefix.equals("/") || prefix.endsWith("/")) {
                throw InvalidArgumentException.of("middleware prefix", "\"" + prefix + "\"", "a prefix such as /api, without a trailing /");
            }
            Objects.requireNonNull(middleware, "middleware");
            String under = prefix + "/";
            Predicate<Request> inside = request -> request.path().equals(prefix) || request.path().startsWith(under);
            return middleware(handler -> {
                RingHandler wrapped = handler.wrap(middleware);
                if (handler.isAsync() && wrapped.isAsync()) {
                    return RingHandler.async(request -> (inside.test(request) ? wrapped : handler).handleAsync(request));
                }
                return request -> (inside.test(request) ? wrapped : handler).handle(request);
            });
        }

        /** The router; fails naming the first conflict, bad template or repeated name. */
        public Router build() {
            return new Router(routes, middleware);
        }
    }
}
