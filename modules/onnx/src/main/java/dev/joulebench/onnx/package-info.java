/** ONNX models: read and write, graph summary, dense weights, ONNX Runtime inference, export of Joulebench models. */
package dev.joulebench.onnx;
