/**
 * What every feature shares: the one-line report of a setting hello cannot start with,
 * the deployer's environment variable shortcuts, the model of the shared page layout, and
 * the servlet pipeline and Spring MVC without the per-request work hello does not need.
 */
package com.example.hello.system;
