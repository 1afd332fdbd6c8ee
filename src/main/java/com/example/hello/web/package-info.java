/**
 * The servlet pipeline and Spring MVC, without the per-request work hello does not need.
 */
package com.example.hello.web;
