//! The screens of the app and their hash addresses (`#/tong-quan`, …).
//!
//! Hash routes work on any static host and offline: the server only ever sees
//! `index.html`, so a reload or a shared link always finds the page.

/// A screen of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Route {
    /// Tổng quan: deadlines, progress, ranking.
    Dashboard,
    /// Nhập liệu: a division's daily counts, officers, initiatives.
    DataEntry,
    /// Hợp nhất: import and merge exported files.
    Merge,
    /// Báo cáo: the consolidated report.
    Report,
    /// Khen thưởng: the commendation dossier.
    Awards,
    /// Thiết lập: the campaign definition.
    Setup,
    /// Hướng dẫn: how the workflow goes.
    Guide,
    /// A division's own report, reached from Nhập liệu (not in the menu).
    UnitReport,
}

impl Route {
    /// Every screen, the menu's first in menu order.
    pub const ALL: [Route; 8] = [
        Route::Dashboard,
        Route::DataEntry,
        Route::Merge,
        Route::Report,
        Route::Awards,
        Route::Setup,
        Route::Guide,
        Route::UnitReport,
    ];

    /// Whether the screen has its own entry in the menu.
    pub fn in_menu(self) -> bool {
        self != Route::UnitReport
    }

    /// The path after `#`, e.g. `/tong-quan`.
    pub fn path(self) -> &'static str {
        match self {
            Route::Dashboard => "/tong-quan",
            Route::DataEntry => "/nhap-lieu",
            Route::Merge => "/hop-nhat",
            Route::Report => "/bao-cao",
            Route::Awards => "/khen-thuong",
            Route::Setup => "/thiet-lap",
            Route::Guide => "/huong-dan",
            Route::UnitReport => "/bao-cao-phong",
        }
    }

    /// The link target, e.g. `#/tong-quan`.
    pub fn href(self) -> String {
        format!("#{}", self.path())
    }

    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            Route::Dashboard => "Tổng quan",
            Route::DataEntry => "Nhập liệu",
            Route::Merge => "Hợp nhất",
            Route::Report => "Báo cáo",
            Route::Awards => "Khen thưởng",
            Route::Setup => "Thiết lập",
            Route::Guide => "Hướng dẫn",
            Route::UnitReport => "Báo cáo của phòng",
        }
    }

    /// The screen for a `location.hash` value. An empty or unknown hash opens
    /// Tổng quan rather than an error page: old bookmarks keep working.
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#');
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let path = path.trim_end_matches('/');
        Route::ALL
            .into_iter()
            .find(|route| route.path() == path)
            .unwrap_or(Route::Dashboard)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_round_trips_through_its_hash() {
        for route in Route::ALL {
            assert_eq!(Route::from_hash(&route.href()), route);
            assert_eq!(Route::from_hash(&format!("{}/", route.href())), route);
        }
    }

    #[test]
    fn unknown_or_empty_hashes_open_the_dashboard() {
        assert_eq!(Route::from_hash(""), Route::Dashboard);
        assert_eq!(Route::from_hash("#"), Route::Dashboard);
        assert_eq!(Route::from_hash("#/khong-co"), Route::Dashboard);
        assert_eq!(Route::from_hash("#/bao-cao?in=1"), Route::Report);
    }

    #[test]
    fn paths_are_distinct() {
        let mut paths: Vec<_> = Route::ALL.iter().map(|r| r.path()).collect();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), Route::ALL.len());
    }
}
