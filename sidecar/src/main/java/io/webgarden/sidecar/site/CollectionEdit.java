package io.webgarden.sidecar.site;

/**
 * One {@code add}, {@code remove} or {@code clear} of an IIS configuration collection, in document
 * order. Collections are merged along the folder chain by replaying these edits (see {@link
 * SiteConfigMerger}).
 *
 * @param <T> the item type
 */
public sealed interface CollectionEdit<T> {

  /**
   * Adds (or replaces) an item.
   *
   * @param key the collection key in lower case (IIS keys are case-insensitive)
   */
  record Add<T>(String key, T item) implements CollectionEdit<T> {}

  /** Removes an inherited or earlier item by key (lower case). */
  record Remove<T>(String key) implements CollectionEdit<T> {}

  /** Drops everything inherited or added before. */
  record Clear<T>() implements CollectionEdit<T> {}
}
