/**
 * An OpenAI-compatible chat completions endpoint (bearer key, JSON or Server-Sent Events) that
 * stands for the model endpoints Forma checks, and can be told to fail in each of seed 004's ways:
 * an error code with its HTTP status, an error inside an HTTP 200 body, a stream that breaks off,
 * or an answer too slow to wait for.
 *
 * <p>It answers chat requests only; it does not sign, store objects or inject the cloud APIs'
 * faults.
 */
package dev.forma.emulator.chat;
