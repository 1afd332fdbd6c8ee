/**
 * The pages feature, a Flask blueprint's counterpart: {@code /} and {@code /{page}}
 * render the Thymeleaf templates under {@code templates/pages/}, with their own static
 * files under {@code static/pages/}; a page that does not exist is a 404.
 */
package com.example.hello.pages;
