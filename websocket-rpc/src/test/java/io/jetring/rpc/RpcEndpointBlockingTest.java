package io.jetring.rpc;

/** {@link RpcEndpointTest} with every handler in the blocking form. */
class RpcEndpointBlockingTest extends RpcEndpointTest {
    @Override
    Form form() {
        return Form.BLOCKING;
    }
}
