package dev.forma.engine.apply;

/**
 * One provider step of an apply, as the progress lines name it. A replacement is two steps (a
 * delete and a create), each reported on its own.
 */
public enum Operation {
  CREATE,
  UPDATE,
  DELETE
}
