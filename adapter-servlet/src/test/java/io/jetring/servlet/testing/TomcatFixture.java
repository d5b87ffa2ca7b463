package io.jetring.servlet.testing;

import io.jetring.api.DataSize;
import io.jetring.api.RingHandler;
import io.jetring.servlet.RingServlet;
import io.jetring.servlet.ServletOptions;
import java.time.Duration;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;

/** {@code RingServlet} at {@code /*} of the root context of an embedded Tomcat 11. */
final class TomcatFixture implements ContainerFixture {
    @Override
    public String name() {
        return "Tomcat 11";
    }

    @Override
    public RunningServer start(RingHandler handler, DataSize maxBodySize, Duration asyncTimeout) throws Exception {
        RingServlet servlet = new RingServlet(handler, new ServletOptions(maxBodySize, asyncTimeout));
        return TomcatTestServer.start("", context -> {
            Wrapper ring = Tomcat.addServlet(context, "ring", servlet);
            ring.setAsyncSupported(true);
            context.addServletMappingDecoded("/*", "ring");
        });
    }
}
