import {}

moved {}
