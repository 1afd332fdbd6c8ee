/**
 * What every feature shares: the one-line report of a setting hello cannot start with,
 * the deployer's environment variable shortcuts, and the model of the shared page layout.
 */
package com.example.hello.system;
