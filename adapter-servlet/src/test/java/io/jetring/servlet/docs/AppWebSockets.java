package io.jetring.servlet.docs;

import io.jetring.api.Response;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketHandler;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.api.ws.WebSocketUpgrade;
import io.jetring.servlet.JakartaWebSockets;
import io.jetring.servlet.RingServlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;
import java.time.Duration;

/** {@code docs/servlet.md}, "WebSockets": the Ring handler and a WebSocket handler in one context. */
@WebListener
public class AppWebSockets implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        ServletRegistration.Dynamic ring = context.addServlet("ring", new RingServlet(App.handler()));
        ring.setAsyncSupported(true);
        ring.addMapping("/*");

        WebSocketHandler websockets = request -> switch (request.path()) {
            case "/ws/echo" -> WebSocketUpgrade.accept(new WebSocketListener() {
                @Override
                public void onText(WebSocket ws, String text) {
                    ws.sendText(text);
                }
            });
            default -> WebSocketUpgrade.reject(Response.notFound());
        };
        JakartaWebSockets.install(context, "/ws/*", websockets,
                WebSocketOptions.builder().idleTimeout(Duration.ofMinutes(5)).build());
    }
}
