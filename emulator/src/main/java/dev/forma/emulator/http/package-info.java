/**
 * The local cloud's HTTP front: reads each exchange, sends {@code /_emulator/*} to the admin
 * endpoints and chat paths to the chat endpoint, and runs every cloud API call through the
 * gateway's steps in order: route by method and path, verify the signature, check {@code
 * x-acs-action} and {@code x-acs-version}, inject faults, replay or record idempotent calls, run
 * the action, and answer in the product's error shape.
 *
 * <p>It owns no API rules and no objects (packages {@code api} and {@code store} do).
 */
package dev.forma.emulator.http;
