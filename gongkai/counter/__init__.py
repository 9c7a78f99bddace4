"""The service-centre counter (窗口): batch entry of paper applications with scans, printing receipts."""
