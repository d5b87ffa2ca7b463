package io.jetring.client;

/** A record to decode JSON into. */
record Person(String name, int age) {
}
