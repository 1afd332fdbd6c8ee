/**
 * Settings as a deployer makes them: the short {@code HELLO_*} environment variables, the
 * profiles hello knows, and the one-message report of a setting hello cannot start with.
 */
package com.example.hello.settings;
