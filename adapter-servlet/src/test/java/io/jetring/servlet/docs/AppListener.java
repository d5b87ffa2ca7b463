package io.jetring.servlet.docs;

import io.jetring.servlet.RingServlet;
import io.jetring.servlet.ServletOptions;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;
import java.time.Duration;

/** {@code docs/servlet.md}, "In an existing application": register the handler when the context starts. */
@WebListener
public class AppListener implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        RingServlet servlet = new RingServlet(
                App.handler().wrap(App.stripPrefix(context.getContextPath())),
                ServletOptions.defaults().withAsyncTimeout(Duration.ofSeconds(10)));
        ServletRegistration.Dynamic ring = context.addServlet("ring", servlet);
        ring.setAsyncSupported(true);
        ring.addMapping("/*");
    }
}
