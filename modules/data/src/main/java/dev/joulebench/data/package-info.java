/**
 * Datasets for Joulebench jobs: IDX (MNIST, Fashion-MNIST) and CIFAR-10 binary readers, a catalog
 * that finds datasets by name in a fixed order, seeded train/validation splits and mini-batches.
 *
 * <p>Images stay unsigned bytes in memory (a quarter of the float size) and are scaled to floats
 * only one batch at a time, so the full training sets fit comfortably next to a model.
 */
package dev.joulebench.data;
