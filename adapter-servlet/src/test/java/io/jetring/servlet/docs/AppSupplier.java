package io.jetring.servlet.docs;

import io.jetring.api.RingHandler;
import java.util.function.Supplier;

/** {@code docs/servlet.md}, "With web.xml": the class that {@code jetring.handler} names. */
public class AppSupplier implements Supplier<RingHandler> {
    @Override
    public RingHandler get() {
        return App.handler();
    }
}
