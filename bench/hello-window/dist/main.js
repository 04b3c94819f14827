window.__TAURI__.core.invoke("app_info");
