package io.jetring.servlet.docs;

import io.jetring.servlet.RingServlet;
import jakarta.servlet.annotation.WebServlet;

/** {@code docs/servlet.md}, "As a WAR": the container finds the annotation and registers the servlet. */
@WebServlet(urlPatterns = "/*", asyncSupported = true)
public class AppServlet extends RingServlet {
    public AppServlet() {
        super(App.handler());
    }
}
